from xmlrpc.server import SimpleXMLRPCServer  # expect-audit: xml-import


class Api:
    def ping(self):
        return "pong"


def serve(flag, server2):
    server = SimpleXMLRPCServer(("0.0.0.0", 8000))  # expect: bind-all-interfaces
    server.register_instance(Api(), allow_dotted_names=True)  # expect: xmlrpc-dotted-names
    server.register_instance(Api(), True)  # expect: xmlrpc-dotted-names
    server2.register_instance(Api(), allow_dotted_names=flag)  # expect-audit: xmlrpc-dotted-names
    server.register_instance(Api())  # ok: xmlrpc-dotted-names
    server.register_instance(Api(), allow_dotted_names=False)  # ok: xmlrpc-dotted-names
    server.register_function(pow)  # ok: xmlrpc-dotted-names
