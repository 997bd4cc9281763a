import network
import time
from machine import Pin

from lib.umqtt import MQTTClient

led = Pin(15, Pin.OUT)  # 板载 LED


def connect():  # 1. 联网：博客的 main.py 调用了 connect()，却没有写这个函数
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    if not wlan.isconnected():
        wlan.connect("ssid", "12345678")
        while not wlan.isconnected():
            time.sleep_ms(100)
    print("network information:", wlan.ifconfig())


def sub_cb(topic, msg): # 回调函数，收到服务器消息后会调用这个函数
    print(topic, msg)
    if msg == b"on":
        led.value(1)
    elif msg == b"off":
        led.value(0)

def mqttconnect():
    client_id = "esp32_client_001"
    topic = "esp32/publish"
    username = client_id
    password = "prechin2024"  # 老师在服务器上给这个账号设的密码
    server = "111.111.111.111"

    # 2. 创建mqt
    c = MQTTClient(client_id, server, 0, username, password)  # 建立一个MQTT客户端
    c.set_callback(sub_cb)  # 设置回调函数
    c.connect()  # 建立连接
    c.subscribe(topic)  # 监控 esp32/publish 这个通道，接收控制命令
    while True:
        c.check_msg()
        time.sleep(1)
    pass

if __name__ == "__main__":
    # 1. 联网
    connect()
    mqttconnect()
    pass
