import urllib.request
from urllib.request import Request, urlopen


def download(url):
    urllib.request.urlopen(url)  # expect-audit: url-open-any-scheme  # bandit: B310
    urlopen(Request(url))  # expect-audit: url-open-any-scheme
    urllib.request.urlretrieve(url, "out.bin")  # expect-audit: url-open-any-scheme
    urlopen("https://example.com/feed.xml")  # ok: url-open-any-scheme
    urlopen(Request("https://example.com/"))  # ok: url-open-any-scheme
