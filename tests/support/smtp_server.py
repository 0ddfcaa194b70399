"""A real SMTP server for the tests: Python's own smtpd, printing each message it takes as one
JSON line (envelope, subject, Message-ID, decoded body) on standard output.

Usage: python3 -u smtp_server.py PORT
"""

import asyncore
import email
import json
import sys
import warnings
from email import policy

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import smtpd


class Printing(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        message = email.message_from_bytes(data, policy=policy.default)
        print(
            json.dumps(
                {
                    "from": mailfrom,
                    "to": rcpttos,
                    "subject": str(message["subject"]),
                    "message_id": str(message["message-id"]),
                    "body": message.get_content(),
                },
                ensure_ascii=False,
            ),
            flush=True,
        )


Printing(("127.0.0.1", int(sys.argv[1])), None, decode_data=False)
print("ready", flush=True)
asyncore.loop()
