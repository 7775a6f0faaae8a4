"""Plain-HTTP plumbing shared by the ops/scale-out tests and `make bench`: stdlib only, so bench can import it.

Both drive real servers on 127.0.0.1: a request that keeps a cookie jar (Secure cookies too, since loopback
is plain HTTP), and the opening of a throwaway nginx.conf whose logs and temp files live in one folder.
"""

from __future__ import annotations

import http.client

# The start of an nginx.conf for a proxy in a scratch folder; callers append their upstream and server
# blocks and the closing brace, then .format(user=..., dir=..., connections=..., ...).
NGINX_HEAD = """\
{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
daemon off;
events {{ worker_connections {connections}; }}
http {{
    access_log off;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
"""


def send(
    port: int,
    cookies: dict[str, str],
    method: str,
    path: str,
    body: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str, http.client.HTTPMessage]:
    """One request to 127.0.0.1:port sending `cookies` and storing any it sets, so callers act like a browser."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": f"127.0.0.1:{port}", **(headers or {})}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text, response.headers
    finally:
        conn.close()
