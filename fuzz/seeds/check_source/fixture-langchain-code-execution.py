from langchain_experimental.agents import create_pandas_dataframe_agent
from langchain_experimental.tools import PythonREPLTool
from langchain_experimental.utilities import PythonREPL
from langchain_experimental.pal_chain import PALChain
from langchain_community.tools import DuckDuckGoSearchRun


def build_agent(llm, df, allowed):
    tools = [PythonREPLTool()]  # expect: langchain-code-execution
    repl = PythonREPL()  # expect: langchain-code-execution
    chain = PALChain.from_math_prompt(llm)  # expect: langchain-code-execution
    agent = create_pandas_dataframe_agent(llm, df, allow_dangerous_code=True)  # expect: langchain-code-execution
    create_pandas_dataframe_agent(llm, df, allow_dangerous_code=allowed)  # expect-audit: langchain-code-execution
    create_pandas_dataframe_agent(llm, df)  # ok: langchain-code-execution
    search = DuckDuckGoSearchRun()  # ok: langchain-code-execution
    return tools, repl, chain, agent, search
