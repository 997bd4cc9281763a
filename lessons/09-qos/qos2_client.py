# 像 MQTTX 那样走完 QoS 2 的四次握手：PUBLISH、PUBREC、PUBREL、PUBCOMP
import network
import time
from umqtt.simple import MQTTClient

wlan = network.WLAN(network.STA_IF)
wlan.active(True)
wlan.connect("ssid", "12345678")
while not wlan.isconnected():
    time.sleep_ms(100)
print("network information:", wlan.ifconfig())

c = MQTTClient("mqttx-desktop", "broker.local")
c.connect()
time.sleep(2)
topic = b"lab/qos"
msg = b"q2 exactly once"
pid = b"\x00\x01"
c.sock.write(bytes([0x34, 2 + len(topic) + 2 + len(msg)]))  # PUBLISH，QoS 2
c.sock.write(b"\x00" + bytes([len(topic)]) + topic + pid + msg)
assert c.sock.read(4)[0] == 0x50  # PUBREC：服务器收到了
c.sock.write(b"\x62\x02" + pid)  # PUBREL：可以放行了
assert c.sock.read(4)[0] == 0x70  # PUBCOMP：完成
print("QoS 2 done: PUBLISH, PUBREC, PUBREL, PUBCOMP")
while True:
    time.sleep(5)
    c.ping()
    c.wait_msg()
