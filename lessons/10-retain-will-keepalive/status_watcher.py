# 晚上线的看板：订阅 lab/status，打印收到的每条消息
import network
import time
from umqtt.simple import MQTTClient

wlan = network.WLAN(network.STA_IF)
wlan.active(True)
wlan.connect("ssid", "12345678")
while not wlan.isconnected():
    time.sleep_ms(100)
print("network information:", wlan.ifconfig())

c = MQTTClient("late-dashboard", "broker.local")
c.set_callback(lambda topic, msg: print(topic, msg))
c.connect()
c.subscribe("lab/status")
while True:
    c.check_msg()
    time.sleep_ms(200)
