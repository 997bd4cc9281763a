from requests import *  # noqa: the frozen `requests` module's old name
