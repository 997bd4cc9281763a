# requests (urequests): a small HTTP/1.0 client over the board's sockets, as the frozen
# module of the esp32 firmware. On this virtual network every host name resolves to the
# MQTT broker, so an HTTP request fails the way it would against a port nobody serves.
import socket


class Response:
    def __init__(self, sock):
        self.raw = sock
        self.encoding = "utf-8"
        self._cached = None
        self.status_code = None
        self.reason = ""
        self.headers = {}

    def close(self):
        if self.raw:
            self.raw.close()
            self.raw = None
        self._cached = None

    @property
    def content(self):
        if self._cached is None:
            try:
                self._cached = self.raw.read()
            finally:
                self.raw.close()
                self.raw = None
        return self._cached

    @property
    def text(self):
        return str(self.content, self.encoding)

    def json(self):
        import json

        return json.loads(self.content)


def request(method, url, data=None, json=None, headers=None, timeout=None):
    if headers is None:
        headers = {}
    try:
        proto, _, host, path = url.split("/", 3)
    except ValueError:
        proto, _, host = url.split("/", 2)
        path = ""
    if proto == "http:":
        port = 80
    elif proto == "https:":
        port = 443
    else:
        raise ValueError("Unsupported protocol: " + proto)
    if ":" in host:
        host, port = host.split(":", 1)
        port = int(port)
    ai = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)[0]
    s = socket.socket(ai[0], ai[1], ai[2])
    if timeout is not None:
        s.settimeout(timeout)
    try:
        s.connect(ai[-1])
        if proto == "https:":
            import ssl

            s = ssl.wrap_socket(s, server_hostname=host)
        s.write(b"%s /%s HTTP/1.0\r\nHost: %s\r\n" % (method, path, host))
        for k in headers:
            s.write(k)
            s.write(b": ")
            s.write(headers[k])
            s.write(b"\r\n")
        if json is not None:
            import json as _json

            data = _json.dumps(json)
            s.write(b"Content-Type: application/json\r\n")
        if data:
            s.write(b"Content-Length: %d\r\n" % len(data))
        s.write(b"\r\n")
        if data:
            s.write(data)
        line = s.readline()
        if not line:
            raise OSError(104)  # ECONNRESET: the server closed without answering
        parts = line.split(None, 2)
        status = int(parts[1])
        reason = parts[2].rstrip() if len(parts) > 2 else ""
        resp_headers = {}
        while True:
            line = s.readline()
            if not line or line == b"\r\n":
                break
            k, v = line.decode().split(":", 1)
            resp_headers[k] = v.strip()
    except OSError:
        s.close()
        raise
    resp = Response(s)
    resp.status_code = status
    resp.reason = reason
    resp.headers = resp_headers
    return resp


def head(url, **kw):
    return request("HEAD", url, **kw)


def get(url, **kw):
    return request("GET", url, **kw)


def post(url, **kw):
    return request("POST", url, **kw)


def put(url, **kw):
    return request("PUT", url, **kw)


def patch(url, **kw):
    return request("PATCH", url, **kw)


def delete(url, **kw):
    return request("DELETE", url, **kw)
