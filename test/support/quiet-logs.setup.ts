import { configureLogging } from '#telemetry';

// Test processes log only warnings; the services under test keep their own logs (ServiceProcess).
configureLogging({ service: 'test', level: 'warn' });
