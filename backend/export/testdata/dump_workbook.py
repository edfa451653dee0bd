"""Dump an .xlsx workbook as JSON, read with openpyxl (not excelize).

usage: dump_workbook.py WORKBOOK [--values]

Without --values, formula cells show their formula ("=SUM(G2:G9)") and
data_type "f". With --values, formula cells show the value cached in the
file (what the application that last saved it computed).

Output: {"sheets": [{"name", "freeze", "autofilter", "widths", "max_row",
"cells": [[row, col, value, data_type, number_format, is_date], ...]}]}
Dates become ISO strings; every other value is JSON as openpyxl reads it.
"""

import datetime
import json
import sys

import openpyxl


def main():
    path = sys.argv[1]
    values = "--values" in sys.argv[2:]
    wb = openpyxl.load_workbook(path, data_only=values)
    out = {"sheets": []}
    for ws in wb.worksheets:
        sheet = {
            "name": ws.title,
            "freeze": ws.freeze_panes,
            "autofilter": ws.auto_filter.ref,
            "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.customWidth},
            "max_row": ws.max_row,
            "cells": [],
        }
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                v = c.value
                if isinstance(v, (datetime.datetime, datetime.date)):
                    v = v.strftime("%Y-%m-%d")
                elif not isinstance(v, (str, int, float, bool)):
                    v = str(v)
                sheet["cells"].append([c.row, c.column, v, c.data_type, c.number_format, bool(c.is_date)])
        out["sheets"].append(sheet)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
