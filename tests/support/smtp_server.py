"""A real SMTP server for the tests, printing each message it takes as one JSON line
(envelope, subject, Message-ID, decoded body) on standard output, after a first line `ready`.

Python's own smtpd (up to Python 3.11), or aiosmtpd where smtpd is gone (`pip install
aiosmtpd`).

Usage: python3 -u smtp_server.py PORT
"""

import email
import json
import sys
import warnings
from email import policy

PORT = int(sys.argv[1])


def show(mailfrom, rcpttos, data):
    message = email.message_from_bytes(data, policy=policy.default)
    print(
        json.dumps(
            {
                "from": mailfrom,
                "to": list(rcpttos),
                "subject": str(message["subject"]),
                "message_id": str(message["message-id"]),
                "body": message.get_content(),
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import asyncore
        import smtpd
except ImportError:
    import asyncio

    from aiosmtpd.smtp import SMTP

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            show(envelope.mail_from, envelope.rcpt_tos, envelope.original_content)
            return "250 OK"

    async def main():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: SMTP(Handler()), "127.0.0.1", PORT)
        print("ready", flush=True)
        await server.serve_forever()

    asyncio.run(main())
else:

    class Printing(smtpd.SMTPServer):
        def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
            show(mailfrom, rcpttos, data)

    Printing(("127.0.0.1", PORT), None, decode_data=False)
    print("ready", flush=True)
    asyncore.loop()
