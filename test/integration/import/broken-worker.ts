// Stand-in for an extraction worker that cannot start (e.g. a broken install).
throw new Error('this worker cannot start');
