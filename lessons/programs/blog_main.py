import network
import time
import urequests
import json
import utime
import math

from lib.umqtt import MQTTClient


def sub_cb(topic, msg): # 回调函数，收到服务器消息后会调用这个函数
    print(topic, msg)

def mqttconnect():
    client_id = "esp32_client_001"
    topic = "esp32/publish"   
    username = client_id
    password = "xxxxxx"
    server = "111.111.111.111"

    # 2. 创建mqt
    c = MQTTClient(client_id, server, 0, username, password)  # 建立一个MQTT客户端
    c.set_callback(sub_cb)  # 设置回调函数
    c.connect()  # 建立连接
    c.subscribe(topic)  # 监控ledctl这个通道，接收控制命令
    while True:
        c.check_msg()
        time.sleep(1)
    pass

if __name__ == "__main__":
    # 1. 联网
    connect()
    mqttconnect()
    pass
        
