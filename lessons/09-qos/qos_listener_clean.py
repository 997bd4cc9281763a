# 用 QoS 1 订阅 lab/qos；断线后重新连 WiFi、用同一个客户端 ID 重新连接
import network
import time
from umqtt.simple import MQTTClient

CLEAN_SESSION = True  # 和课本一样：每次都是新会话

wlan = network.WLAN(network.STA_IF)
wlan.active(True)


def wifi():
    if not wlan.isconnected():
        wlan.connect("ssid", "12345678")
        while not wlan.isconnected():
            time.sleep_ms(100)
    print("network information:", wlan.ifconfig())


def sub_cb(topic, msg):
    print(topic, msg)


def connect():
    c = MQTTClient("qos-listener", "broker.local")
    c.set_callback(sub_cb)
    present = c.connect(clean_session=CLEAN_SESSION)
    print("session present:", present)
    c.subscribe("lab/qos", qos=1)
    return c


wifi()
c = connect()
ticks = 0
while True:
    try:
        c.check_msg()
        ticks += 1
        if ticks % 20 == 0:
            c.ping()  # 每 2 秒 ping 一次：线路断了，这里会报 OSError
    except OSError as e:
        print("link lost:", e, "- reconnecting")
        wifi()
        c = connect()
    time.sleep_ms(100)
