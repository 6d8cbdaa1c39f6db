"""One module per capability the dialogue offers; dialogs/actions.py lists them."""
