# The assistant's image: API, Celery worker and beat all run from it.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot bot
COPY dialogs dialogs
COPY nlu nlu
COPY domain domain
COPY adapters adapters
COPY api api
COPY patient_assistant patient_assistant
COPY data data
RUN pip install --no-cache-dir . && patient-assistant nlu train \
    && mkdir -p /var/lib/patient-assistant/metrics && chown nobody /var/lib/patient-assistant/metrics
USER nobody
EXPOSE 8000
CMD ["patient-assistant", "serve", "--host", "0.0.0.0", "--port", "8000"]
