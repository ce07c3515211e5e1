// Jest matchers for aws-sdk-client-mock (toHaveReceivedCommandWith, ...), available in every test.
import 'aws-sdk-client-mock-jest';
