"""Horizontal bar charts, drawn on the server as SVG, from a Table's chart column; the table
beside each chart carries the same numbers."""

WIDTH, LABEL_WIDTH, BAR_HEIGHT, GAP, RIGHT_ROOM = 640, 220, 24, 10, 60


def bar_chart(table):
    data = table.chart
    if not data:
        return None
    top = max((value for _, value in data), default=0) or 1
    room = WIDTH - LABEL_WIDTH - RIGHT_ROOM
    bars = []
    for i, (label, value) in enumerate(data):
        y = GAP + i * (BAR_HEIGHT + GAP)
        bars.append({"label": label, "value": value, "y": y, "text_y": y + BAR_HEIGHT * 0.7,
                     "width": round(room * value / top, 1),
                     "value_x": LABEL_WIDTH + round(room * value / top, 1) + 8})
    height = GAP + len(data) * (BAR_HEIGHT + GAP)
    summary = "; ".join(f"{label}: {value}" for label, value in data)
    return {"width": WIDTH, "height": height, "label_width": LABEL_WIDTH,
            "bar_height": BAR_HEIGHT, "bars": bars,
            "title": f"{table.title}. {table.chart_label + ': ' if table.chart_label else ''}"
                     f"{summary}. The table below has the same numbers."}
