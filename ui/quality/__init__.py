"""The data-quality panel: run the checks, browse the findings, open their forms, raise queries."""
