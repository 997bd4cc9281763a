# 带遗嘱和保留消息的传感器；keepalive 10 秒，所以每 5 秒自己 ping 一次
import network
import time
from umqtt.simple import MQTTClient

PING = False  # 忘了 ping：服务器 15 秒后认为它掉线了

wlan = network.WLAN(network.STA_IF)
wlan.active(True)
wlan.connect("ssid", "12345678")
while not wlan.isconnected():
    time.sleep_ms(100)
print("network information:", wlan.ifconfig())

c = MQTTClient("lab-sensor", "broker.local", keepalive=10)
c.set_callback(lambda topic, msg: None)
c.set_last_will("lab/status", "offline", retain=True)  # 意外掉线时，服务器替我发布
c.connect()
c.publish("lab/status", "online", retain=True)  # 保留消息：后来的订阅者也能马上看到
while True:
    time.sleep(5)
    if PING:
        c.ping()
    c.check_msg()
