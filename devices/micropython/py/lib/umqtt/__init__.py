# Lets `from lib.umqtt import MQTTClient` (the blog keeps the client as lib/umqtt.py) and
# `from umqtt import MQTTClient` find the client in umqtt/simple.py.
from .simple import MQTTClient, MQTTException  # noqa
