"""mtnas's PyTorch side: builds and scores the networks of the search spaces (see the Java search
service in src/main/java). Runs on PyTorch 1.13 (Debian's python3-torch, CPU) and 2.x (GPU)."""
