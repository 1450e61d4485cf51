line one
line two ${unclosed
line three
