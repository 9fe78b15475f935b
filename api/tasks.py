from celery import shared_task

from . import opendata


@shared_task
def publish_open_data():
    return opendata.publish()["records"]
