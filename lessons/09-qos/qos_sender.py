# 每秒发一条 QoS 0 和一条 QoS 1 的消息，最后试一试 QoS 2
import network
import time
from umqtt.simple import MQTTClient

wlan = network.WLAN(network.STA_IF)
wlan.active(True)
wlan.connect("ssid", "12345678")
while not wlan.isconnected():
    time.sleep_ms(100)
print("network information:", wlan.ifconfig())

c = MQTTClient("qos-sender", "broker.local")
c.connect()
for n in range(1, 9):
    c.publish("lab/qos", "q0 #%d" % n, qos=0)  # 发出去就不管了
    c.publish("lab/qos", "q1 #%d" % n, qos=1)  # 等服务器回 PUBACK 才返回
    time.sleep(1)

print("publish qos=2 ...")
c.publish("lab/qos", "q2", qos=2)  # umqtt.simple 不支持 QoS 2：AssertionError
