from toolkit.cli import main

if __name__ == "__main__":  # a spawned worker may import this module again: it must not run
    main(prog_name="kyogikai")
