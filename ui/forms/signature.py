"""REDCap's ``file`` field with the ``signature`` validation: a pad to sign with the mouse
(or a pen), saved as a PNG attachment like any file (name ``signature.png``)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QSize, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget
from sqlalchemy import Engine

from ui.core_messages import refusal_text
from ui.forms.attachments import FileFieldEditor
from vo_crf.attachments.store import AttachmentError, attach_bytes, read_attachment
from vo_crf.study.model import FieldDef

SIGNATURE_NAME = "signature.png"
PAD_SIZE = QSize(420, 140)


class SignaturePad(QWidget):
    """A white pad the user signs on by dragging the mouse; keeps the strokes as lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(PAD_SIZE)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[list[QPoint]] = []
        self.shown: QPixmap | None = None
        """A saved signature shown (until the pad is cleared)."""
        self.enabled_drawing = True

    @property
    def has_drawing(self) -> bool:
        """True when the user drew something since the pad was cleared."""
        return any(len(stroke) > 1 for stroke in self.strokes)

    def clear(self) -> None:
        """Wipe the pad (strokes and any signature shown)."""
        self.strokes = []
        self.shown = None
        self.update()

    def show_signature(self, png: bytes | None) -> None:
        """Show a saved signature (None: a blank pad)."""
        self.strokes = []
        self.shown = None
        if png:
            pixmap = QPixmap()
            if pixmap.loadFromData(png, "PNG"):
                self.shown = pixmap
        self.update()

    def image(self) -> QImage:
        """Return the drawing as an image (white background, black strokes)."""
        image = QImage(PAD_SIZE, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._draw(painter)
        painter.end()
        return image

    def png(self) -> bytes:
        """Return the drawing as PNG bytes."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.image().save(buffer, "PNG")  # type: ignore[call-overload]  # stubs want bytes; PySide takes str
        buffer.close()
        return bytes(data.data())

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.shown is not None:
            painter.drawPixmap(0, 0, self.shown)
        painter.setPen(QPen(QColor("black"), 2.5, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        for stroke in self.strokes:
            for start, end in zip(stroke, stroke[1:], strict=False):
                painter.drawLine(start, end)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802, ARG002 - Qt's signature
        """Draw the pad, its frame and the strokes."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QColor("#9a9a9a"))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        self._draw(painter)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Start a stroke."""
        if self.enabled_drawing and event.button() is Qt.MouseButton.LeftButton:
            self.shown = None
            self.strokes.append([event.position().toPoint()])
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Extend the stroke while the button is held."""
        if self.enabled_drawing and self.strokes and \
                event.buttons() & Qt.MouseButton.LeftButton:
            self.strokes[-1].append(event.position().toPoint())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """End the stroke."""
        if self.enabled_drawing and self.strokes and \
                event.button() is Qt.MouseButton.LeftButton:
            self.strokes[-1].append(event.position().toPoint())
            self.update()


class SignatureFieldEditor(FileFieldEditor):
    """A signature: drawn on the pad, kept with Use signature (a PNG attachment), the pad
    wiped with Clear; Open… and Remove as for any file."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.attach_button.hide()
        self.pad = SignaturePad()
        self.pad.setObjectName(f"signature_pad_{field.name}")
        self.pad.setAccessibleName(self.tr("Signature pad of {0}").format(field.label))
        self.column.insertWidget(1, self.pad)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.use_button = QPushButton(self.tr("Use signature"))
        self.use_button.setObjectName(f"use_signature_{field.name}")
        self.clear_button = QPushButton(self.tr("Clear pad"))
        self.clear_button.setObjectName(f"clear_pad_{field.name}")
        for button in (self.use_button, self.clear_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        self.column.insertLayout(2, row)
        self.setFocusProxy(self.use_button)
        QWidget.setTabOrder(self.use_button, self.clear_button)
        QWidget.setTabOrder(self.clear_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.remove_button)
        self.use_button.clicked.connect(self.use_signature)
        self.clear_button.clicked.connect(self.pad.clear)

    def set_value(self, value: str) -> None:
        """Show the stored signature on the pad."""
        super().set_value(value)
        self._show_stored()

    def bind_engine(self, engine: Engine) -> None:
        """As FileFieldEditor; then show the stored signature."""
        super().bind_engine(engine)
        self._show_stored()

    def _show_stored(self) -> None:
        found = read_attachment(self._engine, self._value) if self._engine is not None \
            and self._value else None
        self.pad.show_signature(found[1] if found else None)

    def set_read_only(self, read_only: bool) -> None:
        """No drawing, no Use signature, no Clear."""
        super().set_read_only(read_only)
        self.pad.enabled_drawing = not read_only
        for button in (self.use_button, self.clear_button):
            button.setEnabled(not read_only)

    def use_signature(self) -> None:
        """Store the drawing as the field's PNG (a blank pad is refused with a message)."""
        if self._engine is None or self._read_only:
            return
        if not self.pad.has_drawing:
            self._tell(self.tr("Sign on the pad first (drag the mouse or the pen)."))
            return
        try:
            ref = attach_bytes(self._engine, self.pad.png(), SIGNATURE_NAME, "image/png",
                               self.field.label)
        except AttachmentError as exc:
            self._tell(refusal_text(exc))
            return
        self._tell("")
        self._set(ref.value)

    def remove(self) -> None:
        """Take the signature off the field and wipe the pad."""
        super().remove()
        self.pad.clear()
