from socket import *  # noqa: the esp32 port's old name for socket
