"""OpenAI and every OpenAI-compatible server (Ollama, vLLM, llama.cpp's server, LM Studio),
through instructor: the provider, the instructor call, the counted and retried transport, the
retry policy and the prompt templates. Importing this package imports none of its modules."""
