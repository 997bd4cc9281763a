# 猜密码的“入侵者”：用户名对了，密码是猜的
import network
import time
from simple import MQTTClient

wlan = network.WLAN(network.STA_IF)
wlan.active(True)
wlan.connect("ssid", "12345678")
while not wlan.isconnected():
    time.sleep_ms(100)

c = MQTTClient("intruder", "111.111.111.111", 0, "esp32_client_001", "123456")
c.connect()  # 服务器回 CONNACK 返回码 4：用户名或密码错误 -> MQTTException: 4
