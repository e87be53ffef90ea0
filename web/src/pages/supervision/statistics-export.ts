/** One sheet of an exported workbook: a header row and the rows shown on the page. */
export interface Sheet {
  name: string;
  columns: string[];
  rows: (string | number | null)[][];
}

/**
 * Writes the sheets as an .xlsx file and saves it (ExcelJS, the library the server's exports use),
 * loaded only when someone exports.
 */
export async function exportWorkbook(fileName: string, sheets: Sheet[]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name.slice(0, 31));
    ws.addRow(sheet.columns).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row);
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  }
  const buffer = await book.xlsx.writeBuffer();
  const url = URL.createObjectURL(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
