from aiohttp import web


async def greeting(request):
    name = request.match_info.get("name", "Anonymous")
    # `text=` is served as text/plain, `body=` as application/octet-stream.
    web.Response(text="Hello, " + name)  # ok: xss
    web.Response(body=name.encode())  # ok: xss
    return web.Response(text="<p>" + name + "</p>", content_type="text/html")  # expect: xss
