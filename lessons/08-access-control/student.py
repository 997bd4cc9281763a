# 学生账号登录成功，但 ACL 只允许它用 class/# 下的主题
import network
import time
from simple import MQTTClient

wlan = network.WLAN(network.STA_IF)
wlan.active(True)
wlan.connect("ssid", "12345678")
while not wlan.isconnected():
    time.sleep_ms(100)

def sub_cb(topic, msg):
    print(topic, msg)

c = MQTTClient("student-01", "111.111.111.111", 0, "student", "student-pass")
c.set_callback(sub_cb)
c.connect()
c.subscribe("esp32/publish")  # SUBACK 0x80：ACL 拒绝 -> MQTTException: 128
