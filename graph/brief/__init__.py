"""Brief understanding used by the nodes: ``checks`` (is the extraction usable), ``echo`` (which brief sentences
were used), ``clarify`` (merge a human's answer), ``focus`` (the product and claims a brief is about) and
``audience`` (audience words to CRM filters)."""
