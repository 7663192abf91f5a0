"""Double data entry in the GUI: the editor's entry strip and the comparison dialog."""
