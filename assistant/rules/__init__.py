"""The framework as pure functions: requirements, their normalisation, the decision, findings, the tool schema. No I/O."""
