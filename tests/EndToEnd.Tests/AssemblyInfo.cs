// The tests stop and restart shared processes (RabbitMQ, PostgreSQL, services): one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
