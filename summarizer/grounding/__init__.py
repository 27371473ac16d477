"""Grounding: the model copies, code checks. ``align`` finds each quote's span in the article;
``check`` is the strict validator that makes the model re-ask for what is not there;
``assemble`` keeps what is found, drops and reports the rest, and normalises what it keeps."""
