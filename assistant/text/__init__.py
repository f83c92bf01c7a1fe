"""Reading text deterministically: language, intent, requirement extraction, the verdict guard."""
