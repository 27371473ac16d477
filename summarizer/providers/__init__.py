"""Providers: who writes the draft. ``base`` is the contract the pipeline sees (no SDK behind
it); ``openai`` serves OpenAI and every OpenAI-compatible server through instructor;
``offline`` is the rule-based extractor; ``resolve`` picks one from the settings, importing
only the one it picks."""
