"""I/O adapters behind the chat seams: llama.cpp and OpenAI-compatible models, model files, the Chroma retriever."""
