from langchain_community.vectorstores import FAISS


def open_index(index_dir, embeddings, trusted):
    FAISS.load_local(index_dir, embeddings, allow_dangerous_deserialization=True)  # expect: langchain-dangerous-deserialization
    FAISS.load_local(index_dir, embeddings, allow_dangerous_deserialization=trusted)  # expect-audit: langchain-dangerous-deserialization
    FAISS.load_local(index_dir, embeddings)  # ok: langchain-dangerous-deserialization
    FAISS.load_local(index_dir, embeddings, allow_dangerous_deserialization=False)  # ok: langchain-dangerous-deserialization
