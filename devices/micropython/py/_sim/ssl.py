# ssl: the virtual network has no TLS listener, so a TLS handshake fails as it would
# against a plain-MQTT port.
def wrap_socket(sock, *args, **kwargs):
    sock.close()
    raise OSError(-29312)  # MBEDTLS_ERR_SSL_CONN_EOF


class SSLContext:
    def __init__(self, *args):
        pass

    def wrap_socket(self, sock, *args, **kwargs):
        return wrap_socket(sock)


PROTOCOL_TLS_CLIENT = 0
PROTOCOL_TLS_SERVER = 1
