//! The names Python provides without an import.

/// Whether `name` is a builtin of Python 3 (functions, types, constants).
pub fn is_builtin(name: &str) -> bool {
    matches!(
        name,
        "abs" | "aiter" | "all" | "anext" | "any" | "ascii" | "bin" | "bool" | "breakpoint"
            | "bytearray" | "bytes" | "callable" | "chr" | "classmethod" | "compile"
            | "complex" | "copyright" | "credits" | "delattr" | "dict" | "dir" | "divmod"
            | "enumerate" | "eval" | "exec" | "exit" | "filter" | "float" | "format"
            | "frozenset" | "getattr" | "globals" | "hasattr" | "hash" | "help" | "hex"
            | "id" | "input" | "int" | "isinstance" | "issubclass" | "iter" | "len"
            | "license" | "list" | "locals" | "map" | "max" | "memoryview" | "min"
            | "next" | "object" | "oct" | "open" | "ord" | "pow" | "print" | "property"
            | "quit" | "range" | "repr" | "reversed" | "round" | "set" | "setattr"
            | "slice" | "sorted" | "staticmethod" | "str" | "sum" | "super" | "tuple"
            | "type" | "vars" | "zip" | "__import__" | "__build_class__" | "__debug__"
            | "__name__" | "__file__" | "__doc__" | "__spec__" | "__loader__"
            | "__package__" | "__builtins__" | "None" | "True" | "False" | "Ellipsis"
            | "NotImplemented" | "BaseException" | "Exception" | "ArithmeticError"
            | "AssertionError" | "AttributeError" | "EOFError" | "ImportError"
            | "ModuleNotFoundError" | "LookupError" | "IndexError" | "KeyError"
            | "NameError" | "OSError" | "IOError" | "EnvironmentError" | "RuntimeError"
            | "NotImplementedError" | "RecursionError" | "StopIteration"
            | "StopAsyncIteration" | "SyntaxError" | "SystemError" | "SystemExit"
            | "TypeError" | "ValueError" | "UnicodeError" | "UnicodeDecodeError"
            | "UnicodeEncodeError" | "ZeroDivisionError" | "PermissionError"
            | "FileNotFoundError" | "FileExistsError" | "TimeoutError"
            | "ConnectionError" | "KeyboardInterrupt" | "GeneratorExit" | "Warning"
            | "UserWarning" | "DeprecationWarning" | "RuntimeWarning"
            | "ExceptionGroup" | "BaseExceptionGroup"
    )
}
