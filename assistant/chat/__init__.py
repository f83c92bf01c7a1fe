"""One question through the model: the pipeline, its prompts and templates, the request gate, the seams it talks through."""
