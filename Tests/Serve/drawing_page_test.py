"""The drawing page in a real browser: headless Chromium driven by Selenium (WebDriver).

    python3 Tests/Browser/drawing_page_test.py --digits .build/release/digits --model M.safetensors [--expect-digits]
        [--screenshot docs/images/serve-page.png]

Starts `digits serve` on a free port, loads the page, draws with synthetic pointer events (a
vertical line with a mouse, a circle with a pen, the two strokes of a 7 with a finger) and checks
the prediction text (1, 0, 7 with --expect-digits, which needs a well-trained model such as the
default recipe on MNIST; otherwise only that some digit is shown), that the 28×28 view shows ink,
that Clear and Escape give "no digit", and that the page made no request anywhere but the server.
"""
import argparse
import math
import os
import sys

from selenium import webdriver
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serving import ServedDigits  # noqa: E402


def browser(width=1100, height=800):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    if width < 500:  # a phone: Chromium's windows are at least 500 wide, so emulate its screen
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def draw(driver, pad, strokes, kind):
    """Draws `strokes` (lists of (x, y) in [-0.5, 0.5] of the pad, from its centre) with a
    pointer of `kind` (mouse, pen or touch)."""
    size = pad.rect["width"]
    pointer = PointerInput(kind, kind)
    actions = ActionBuilder(driver, mouse=pointer)
    for stroke in strokes:
        x, y = stroke[0]
        actions.pointer_action.move_to(pad, int(x * size), int(y * size))
        actions.pointer_action.pointer_down()
        for x, y in stroke[1:]:
            actions.pointer_action.move_to(pad, int(x * size), int(y * size))
        actions.pointer_action.pointer_up()
    actions.perform()


def line(a, b, steps=16):
    return [(a[0] + (b[0] - a[0]) * i / steps, a[1] + (b[1] - a[1]) * i / steps) for i in range(steps + 1)]


VERTICAL_LINE = [line((0.0, -0.32), (0.0, 0.32))]
CIRCLE = [[(0.24 * math.sin(2 * math.pi * i / 40), -0.3 * math.cos(2 * math.pi * i / 40)) for i in range(42)]]
SEVEN = [line((-0.22, -0.3), (0.22, -0.3)) + line((0.22, -0.3), (-0.04, 0.32))[1:]]


def settled_prediction(driver):
    """The prediction text once the page has the reading of what is on the pad."""
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-busy") == "0")
    return driver.find_element(By.ID, "prediction").text


def seen_ink(driver):
    """The sum of ink in the 28×28 view (0 when it is blank)."""
    return driver.execute_script(
        "const c = document.getElementById('seen').getContext('2d').getImageData(0, 0, 28, 28).data;"
        "let s = 0; for (let i = 0; i < c.length; i += 4) s += 255 - c[i]; return s;")


def requested_urls(driver):
    import json
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--digits", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--expect-digits", action="store_true")
    parser.add_argument("--screenshot", help="save the page as it shows the 7 to this PNG file")
    parser.add_argument("--window", default="1100x800", help="the window size in CSS pixels, e.g. 390x844 (a phone)")
    args = parser.parse_args()
    width, height = (int(v) for v in args.window.split("x"))

    with ServedDigits(args.digits, args.model) as server:
        driver = browser(width, height)
        try:
            urls = []
            driver.get(server.url + "/")
            WebDriverWait(driver, 10).until(
                lambda d: d.find_element(By.ID, "model").text.startswith("Model:"))
            pad = driver.find_element(By.ID, "pad")
            assert abs(pad.rect["width"] - pad.rect["height"]) < 1, pad.rect
            assert driver.find_element(By.ID, "prediction").text == "no digit"
            assert len(driver.find_elements(By.CSS_SELECTOR, "#probabilities li")) == 10
            print("browser: page loaded; model line:", driver.find_element(By.ID, "model").text)

            results = {}
            for name, strokes, kind, expected in (
                    ("vertical line", VERTICAL_LINE, interaction.POINTER_MOUSE, "1"),
                    ("circle", CIRCLE, interaction.POINTER_PEN, "0"),
                    ("seven", SEVEN, interaction.POINTER_TOUCH, "7")):
                draw(driver, pad, strokes, kind)
                text = settled_prediction(driver)
                results[name] = text
                assert text in [str(d) for d in range(10)], f"{name}: prediction {text!r} is not a digit"
                if args.expect_digits:
                    assert text == expected, f"{name} drawn with a {kind}: read {text}, expected {expected}"
                assert seen_ink(driver) > 0, f"{name}: the 28x28 view is blank"
                widths = driver.execute_script(
                    "return [...document.querySelectorAll('#probabilities .fill')].map(e => parseFloat(e.style.width))")
                assert abs(sum(widths) - 100) < 1.5, f"{name}: the bars sum to {sum(widths)}%"
                print(f"browser: {name} ({kind}) read as {text}")
                if name == "seven" and args.screenshot:
                    driver.save_screenshot(args.screenshot)
                    print("browser: screenshot", args.screenshot)
                if name == "circle":
                    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
                else:
                    driver.find_element(By.ID, "clear").click()
                assert driver.find_element(By.ID, "prediction").text == "no digit", f"clear after {name}"
                assert seen_ink(driver) == 0, f"the 28x28 view is not blank after clearing {name}"
                assert settled_prediction(driver) == "no digit", f"a late reading overwrote the clear after {name}"

            urls = requested_urls(driver)
            outside = [u for u in urls if not (u.startswith(server.url + "/") or u.startswith("data:")
                                               or u.startswith("blob:"))]
            assert not outside, f"the page requested outside the server: {outside}"
            assert any(u.endswith("/api/classify") for u in urls), urls
            print(f"browser: {len(urls)} requests, all to {server.url}; readings {results}")
        finally:
            driver.quit()
    print("browser: passed")


if __name__ == "__main__":
    main()
