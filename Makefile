# Account Manager Process Suite: the two commands and their companions.
# Everything is installed and kept inside this checkout (.venv, .local).
.PHONY: run stop test reset-demo bootstrap

run:          ## install what is missing, start PostgreSQL and Odoo with the demo database
	runtime/bin/run

stop:         ## stop the Odoo server and PostgreSQL started by `make run`
	runtime/bin/stop

test:         ## every test: static checks, Odoo's runner, pytest (also browser)
	runtime/bin/test

reset-demo:   ## drop and re-create the demo database, then serve it
	AM_RESET=1 runtime/bin/run

bootstrap:    ## only install the runtime (virtualenv, PostgreSQL cluster, less)
	runtime/bin/bootstrap
