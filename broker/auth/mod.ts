export { Acl } from "./acl.ts";
export type { AclAction, AclConfig, AclDecision, AclPermission, AclRule, AclWho } from "./acl.ts";
export { Authenticator } from "./authenticator.ts";
export type { AuthConfig, AuthResult, UserConfig } from "./authenticator.ts";
export { hashPassword, parseHash, verifyPassword } from "./password.ts";
