#!/usr/bin/env python3
"""Writes a dossier workbook (.xlsx) with ROWS data rows under the import template's header, streamed as raw XML
(like tests/ParIndex.Web.Tests/Features/Operations/ImportFiles.RawXlsx): usage make-dossiers.py <file> <rows> <code-prefix>."""
import sys
import zipfile

path, rows, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
header = ["Mã hồ sơ", "Tên thủ tục", "Đơn vị", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày trả kết quả", "Ghi chú"]


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hồ sơ" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    parts = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
             f'<dimension ref="A1:G{rows + 1}"/><sheetData><row r="1">']
    parts += [cell(f"{chr(65 + c)}1", h) for c, h in enumerate(header)]
    parts.append("</row>")
    for r in range(2, rows + 2):
        parts.append(f'<row r="{r}">' + cell(f"A{r}", f"{prefix}-{r}") + cell(f"B{r}", "Cấp giấy phép khai thác nước")
                     + cell(f"C{r}", "VP") + cell(f"D{r}", "02/01/2023") + cell(f"E{r}", "10/01/2023")
                     + cell(f"F{r}", "09/01/2023") + cell(f"G{r}", f"Hồ sơ tải {r}") + "</row>")
    parts.append("</sheetData></worksheet>")
    z.writestr("xl/worksheets/sheet1.xml", "".join(parts))
