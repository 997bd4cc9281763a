# 订阅 sensors/+/temperature，打印收到的每条消息
import network
import time
from umqtt.simple import MQTTClient

FILTER = "sensors/+/temperature"

wlan = network.WLAN(network.STA_IF)
wlan.active(True)
wlan.connect("ssid", "12345678")
while not wlan.isconnected():
    time.sleep_ms(100)
print("network information:", wlan.ifconfig())

c = MQTTClient("dashboard", "broker.local")
c.set_callback(lambda topic, msg: print(topic, msg))
c.connect()
c.subscribe(FILTER)
while True:
    c.check_msg()
    time.sleep_ms(200)
