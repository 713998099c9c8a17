"""Start the praktyki web chat: `python app.py` (builds the index on first start)."""

from praktyki.ui.app import main

if __name__ == "__main__":
    main()
