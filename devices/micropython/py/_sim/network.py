# network: WLAN(STA_IF | AP_IF) and the esp32 port's STAT_* numbers.
import _rt

_OP = _rt.OP

STA_IF = 0
AP_IF = 1
STAT_IDLE = 1000
STAT_CONNECTING = 1001
STAT_GOT_IP = 1010
STAT_BEACON_TIMEOUT = 200
STAT_NO_AP_FOUND = 201
STAT_WRONG_PASSWORD = 202
STAT_ASSOC_FAIL = 203
STAT_HANDSHAKE_TIMEOUT = 204
AUTH_OPEN = 0
AUTH_WPA2_PSK = 3


class WLAN:
    IF_STA = STA_IF
    IF_AP = AP_IF

    def __init__(self, interface_id=STA_IF):
        if interface_id not in (STA_IF, AP_IF):
            raise ValueError("invalid WLAN interface identifier")
        self._if = interface_id

    def active(self, is_active=None):
        return _rt.call(_OP.WLAN_ACTIVE, self._if, is_active)

    def connect(self, ssid=None, key=None, *, bssid=None):
        _rt.call(_OP.WLAN_CONNECT, self._if, ssid, "" if key is None else key)

    def disconnect(self):
        _rt.call(_OP.WLAN_DISCONNECT, self._if)

    def isconnected(self):
        return _rt.call(_OP.WLAN_ISCONNECTED, self._if)

    def status(self, param=None):
        return _rt.call(_OP.WLAN_STATUS, self._if, param)

    def ifconfig(self, config=None):
        if config is not None:
            return None
        return tuple(_rt.call(_OP.WLAN_IFCONFIG, self._if).split(" "))

    def config(self, *args, **kwargs):
        if kwargs:
            _rt.call(
                _OP.WLAN_CONFIGURE,
                self._if,
                kwargs.get("essid", kwargs.get("ssid")),
                kwargs.get("password", kwargs.get("key")),
                kwargs.get("hostname", kwargs.get("dhcp_hostname")),
            )
            return None
        key = args[0]
        if key == "mac":
            buf = bytearray(6)
            n = _rt.call_into(buf, _OP.WLAN_CONFIG, self._if, key)
            return bytes(buf[:n])
        return _rt.call(_OP.WLAN_CONFIG, self._if, key)

    def scan(self):
        import json

        out = []
        for ap in json.loads(_rt.call(_OP.WLAN_SCAN, self._if)):
            out.append(
                (ap[0].encode(), bytes(ap[1]), ap[2], ap[3], ap[4], ap[5])
            )
        return out


def hostname(name=None):
    if name is None:
        return "espressif"
