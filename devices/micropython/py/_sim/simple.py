# The textbook copies umqtt's simple.py next to main.py: `from simple import MQTTClient`.
from umqtt.simple import *  # noqa
