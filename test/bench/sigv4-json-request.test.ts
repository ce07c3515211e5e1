import { SignatureVerifier } from '../../lib/local/endpoint/signature-verifier';
import { signJsonRequest } from '../../bench/sigv4-json-request';

// AWS General Reference, "Create a signed AWS API request" (Signature Version 4): the endpoint
// load generator signs synchronously; the local endpoint's verifier re-signs with the SDK's signer.
describe('the load generator signature', () => {
  const signing = {
    host: '127.0.0.1:4566',
    region: 'us-east-1',
    service: 'sqs',
    target: 'AmazonSQS.SendMessage',
    contentType: 'application/x-amz-json-1.0',
    accessKeyId: 'bench-load',
    secretAccessKey: 'bench-load-secret',
  };
  const verifier = new SignatureVerifier((key) => (key === 'bench-load' ? 'bench-load-secret' : undefined));
  const body = JSON.stringify({ QueueUrl: 'http://127.0.0.1:4566/000000000000/q', MessageBody: 'hello' });

  it('is accepted by a SigV4 verifier with the same secret', async () => {
    // Act
    const signed = signJsonRequest(signing, body);

    // Assess
    await expect(
      verifier.verify({ method: 'POST', url: '/', headers: signed.headers, body: Buffer.from(signed.body) }),
    ).resolves.toBeUndefined();
  });

  it('is refused when the body is changed after signing', async () => {
    // Prepare
    const signed = signJsonRequest(signing, body);

    // Act
    const verifying = verifier.verify({
      method: 'POST',
      url: '/',
      headers: signed.headers,
      body: Buffer.from(signed.body.replace('hello', 'tampered')),
    });

    // Assess
    await expect(verifying).rejects.toMatchObject({ code: 'InvalidSignatureException' });
  });
});
